package org.galdav.demo;

import java.util.Random;

/** The demo company's sites: postal addresses and national phone-number formats (E.164 with spaces). */
enum Office {

    BERLIN("Berlin", "Friedrichstraße 123", "Berlin", "10117", "Germany", "+49 30 2345 ", "+49 30 2345 9900") {
        @Override
        String mobile(Random random) {
            return "+49 " + (151 + random.nextInt(30)) + " " + digits(random, 4) + " " + digits(random, 4);
        }

        @Override
        String extension(int number) {
            return String.format("%04d", number);
        }
    },
    LYON("Lyon", "12 Rue de la République", "Auvergne-Rhône-Alpes", "69002", "France", "+33 4 72 ",
            "+33 4 72 10 99 00") {
        @Override
        String mobile(Random random) {
            return "+33 " + (6 + random.nextInt(2)) + " " + digits(random, 2) + " " + digits(random, 2) + " "
                    + digits(random, 2) + " " + digits(random, 2);
        }

        @Override
        String extension(int number) {
            String four = String.format("%06d", number);
            return four.substring(0, 2) + " " + four.substring(2, 4) + " " + four.substring(4);
        }
    },
    TORONTO("Toronto", "200 King Street West", "Ontario", "M5H 3T4", "Canada", "+1 416 555 ", "+1 416 555 0199") {
        @Override
        String mobile(Random random) {
            return "+1 " + (random.nextBoolean() ? "647" : "437") + " " + digits(random, 3) + " " + digits(random, 4);
        }

        @Override
        String extension(int number) {
            return String.format("%04d", number);
        }
    };

    final String city;
    final String street;
    final String state;
    final String postalCode;
    final String country;
    private final String switchboard;
    final String fax;

    Office(String city, String street, String state, String postalCode, String country, String switchboard,
            String fax) {
        this.city = city;
        this.street = street;
        this.state = state;
        this.postalCode = postalCode;
        this.country = country;
        this.switchboard = switchboard;
        this.fax = fax;
    }

    /** Direct-dial office number; distinct numbers give distinct phones. */
    String phone(int number) {
        return switchboard + extension(number);
    }

    /** A plausible mobile number in the office's country. */
    abstract String mobile(Random random);

    abstract String extension(int number);

    /** RFC 4517 postal address: lines separated by {@code $}. */
    String postalAddress(String organization) {
        String cityLine = this == TORONTO ? city + " " + state + " " + postalCode : postalCode + " " + city;
        return String.join("$", organization, street, cityLine, country);
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
