package dev.crossmesh.ui.topology;

import java.util.List;

/**
 * What the side panel shows about the selected cluster or gateway. Plain data, built by {@link DetailsBuilder}.
 *
 * @param title    the cluster's name, or "<cluster> east-west gateway"
 * @param subtitle network, region, role in a line
 * @param sections groups of fields
 * @param findings the findings that concern it: each says what is wrong and what to do
 */
public record Details(Selection selection, String title, String subtitle, Health health, String healthText, List<Section> sections,
        List<FindingRow> findings) {
    public Details {
        sections = List.copyOf(sections);
        findings = List.copyOf(findings);
    }

    public record Section(String title, List<Field> fields) {
        public Section {
            fields = List.copyOf(fields);
        }
    }

    /**
     * @param health null when the field is plain information; else the field gets that health's symbol
     * @param code   whether the value is machine text (addresses, fingerprints) to show in a fixed-width font
     */
    public record Field(String label, String value, Health health, boolean code) {
        public static Field info(String label, String value) {
            return new Field(label, value, null, false);
        }

        public static Field code(String label, String value) {
            return new Field(label, value, null, true);
        }

        public static Field of(String label, String value, Health health) {
            return new Field(label, value, health, false);
        }
    }

    /** A field's value, by section title and label; for tests and accessibility. */
    public String value(String section, String label) {
        return sections.stream().filter(s -> s.title().equals(section)).flatMap(s -> s.fields().stream())
                .filter(f -> f.label().equals(label)).map(Field::value).findFirst().orElse(null);
    }
}
