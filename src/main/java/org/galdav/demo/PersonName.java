package org.galdav.demo;

import java.util.Locale;

/**
 * A person's name in its own script, plus the ASCII letters that logins and mail aliases are built from.
 *
 * @param given given name as written ("Łukasz", "太郎")
 * @param surname family name as written ("Wiśniewski", "山田")
 * @param common the {@code cn}: given name first, or family name first where that is the custom ("山田 太郎")
 * @param asciiGiven lowercase ASCII letters of the given name ("lukasz", "taro")
 * @param asciiSurname lowercase ASCII letters of the family name ("wisniewski", "yamada")
 */
record PersonName(String given, String surname, String common, String asciiGiven, String asciiSurname) {

    /** Two capital ASCII letters, for avatars. */
    String initials() {
        return (asciiGiven.substring(0, 1) + asciiSurname.substring(0, 1)).toUpperCase(Locale.ROOT);
    }
}
