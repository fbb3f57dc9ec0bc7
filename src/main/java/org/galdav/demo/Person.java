package org.galdav.demo;

/**
 * One member of staff as the roster decided it, before it is written out as an LDAP entry.
 *
 * @param index position in the roster; 0 is the demo user, 1 the CEO
 * @param uid unique ASCII login
 * @param name the name in its own script
 * @param department where the person works
 * @param office which site the person works at
 * @param role place in the reporting lines
 * @param title job title
 * @param manager roster index of the manager, or -1 for the CEO
 * @param alias second mail local part ("jose.garcia"), or {@code null}
 */
record Person(int index, String uid, PersonName name, Department department, Office office, Role role,
        String title, int manager, String alias) {

    String dn() {
        return "uid=" + uid + "," + DemoCompany.PEOPLE_DN;
    }

    boolean isDemoUser() {
        return index == 0;
    }

    Person withManager(int newManager) {
        return new Person(index, uid, name, department, office, role, title, newManager, alias);
    }
}
