package org.galdav.demo;

/** A person's place in the reporting lines, which decides title, manager and group memberships. */
enum Role {
    /** Heads the Executive department; reports to nobody. */
    CEO,
    /** Heads a department; reports to the CEO. */
    HEAD,
    /** Leads a team inside a department; reports to the department head. */
    LEAD,
    /** Everyone else; reports to a team lead (or the CEO, in the Executive department). */
    STAFF
}
