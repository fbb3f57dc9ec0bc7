package org.galdav.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The demo company's departments: relative size, department number and job titles. */
enum Department {

    EXECUTIVE("Executive", "1000", 1, "Chief Executive Officer", "Chief of Staff",
            "Executive Assistant", "Strategy Analyst", "Executive Assistant"),
    ENGINEERING("Engineering", "2100", 27, "Chief Technology Officer", "Engineering Manager",
            "Software Engineer", "Senior Software Engineer", "Staff Engineer", "QA Engineer", "DevOps Engineer",
            "Frontend Developer", "Backend Developer", "Site Reliability Engineer"),
    SALES("Sales", "3100", 14, "Head of Sales", "Sales Team Lead",
            "Account Executive", "Sales Representative", "Key Account Manager", "Sales Engineer",
            "Business Development Manager"),
    MARKETING("Marketing", "3200", 8, "Head of Marketing", "Marketing Team Lead",
            "Marketing Specialist", "Content Writer", "Product Marketing Manager", "Graphic Designer",
            "SEO Specialist"),
    FINANCE("Finance", "4100", 6, "Chief Financial Officer", "Finance Team Lead",
            "Accountant", "Financial Analyst", "Controller", "Payroll Specialist", "Accounts Payable Clerk"),
    HUMAN_RESOURCES("Human Resources", "4200", 5, "Head of People", "HR Team Lead",
            "HR Business Partner", "Recruiter", "Talent Acquisition Specialist", "HR Generalist",
            "Learning & Development Specialist"),
    LEGAL("Legal", "4300", 3, "General Counsel", "Legal Team Lead",
            "Legal Counsel", "Paralegal", "Compliance Officer", "Data Protection Officer", "Contract Manager"),
    SUPPORT("Support", "5100", 15, "Head of Customer Support", "Support Team Lead",
            "Support Engineer", "Customer Success Manager", "Technical Support Specialist", "Support Agent",
            "Knowledge Base Editor"),
    OPERATIONS("Operations", "5200", 11, "Chief Operating Officer", "Operations Team Lead",
            "Operations Analyst", "Facilities Manager", "IT Administrator", "Office Manager",
            "Procurement Specialist"),
    RESEARCH("Research", "6100", 10, "Head of Research", "Research Team Lead",
            "Research Scientist", "Data Scientist", "Research Engineer", "Machine Learning Engineer",
            "UX Researcher");

    private static final Department[] ALL = values();
    private static final int TOTAL_WEIGHT = Arrays.stream(ALL).mapToInt(d -> d.weight).sum();

    final String title;
    final String number;
    private final int weight;
    final String headTitle;
    final String leadTitle;
    final List<String> jobTitles;

    Department(String title, String number, int weight, String headTitle, String leadTitle, String... jobTitles) {
        this.title = title;
        this.number = number;
        this.weight = weight;
        this.headTitle = headTitle;
        this.leadTitle = leadTitle;
        this.jobTitles = List.of(jobTitles);
    }

    /** A department, drawn by size. */
    static Department draw(Random random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Department department : ALL) {
            ticket -= department.weight;
            if (ticket < 0) {
                return department;
            }
        }
        throw new AssertionError("weights");
    }

    String jobTitle(Random random) {
        return jobTitles.get(random.nextInt(jobTitles.size()));
    }
}
