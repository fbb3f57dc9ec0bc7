package org.galdav.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A vCard value as produced by a mapping, before it is written in any vCard version. */
public sealed interface MappedValue {

    /** The value as filters compare it (RFC 6352 §10.5.4): structured components joined by ';'. */
    String text();

    record Text(String value) implements MappedValue {
        public String text() {
            return value;
        }
    }

    /** N, ADR, ORG: components in vCard order, each possibly multi-valued. */
    record Structured(List<List<String>> components) implements MappedValue {
        public Structured {
            components = components.stream().map(List::copyOf).toList();
        }

        public String text() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < components.size(); i++) {
                if (i > 0) {
                    out.append(';');
                }
                out.append(String.join(",", components.get(i)));
            }
            return out.toString();
        }
    }

    record Binary(byte[] data) implements MappedValue {
        public String text() {
            return "";
        }
    }

    record Timestamp(Instant value) implements MappedValue {
        public String text() {
            return value.toString();
        }
    }

    /** A calendar date (RFC 6350 §4.3.1 date). */
    record Date(LocalDate value) implements MappedValue {
        public String text() {
            return value.toString();
        }
    }

    record Uri(String value) implements MappedValue {
        public String text() {
            return value;
        }
    }
}
