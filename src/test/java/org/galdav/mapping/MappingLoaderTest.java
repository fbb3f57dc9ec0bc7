package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken mapping files stop the start with a message naming file, key and problem. */
class MappingLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theShippedMappingLoads() {
        Mapping mapping = MappingLoader.load("mappings/inetorgperson.conf");
        assertThat(mapping.idAttribute()).isEqualTo("entryUUID");
        assertThat(mapping.rulesFor("TEL")).hasSize(4);
        assertThat(mapping.requestedAttributes()).contains("mail", "jpegPhoto", "entryUUID").doesNotContain("*");
    }

    @Test
    void mappingsShowingGroupMembershipFromTheMembersSideAreFlagged() throws Exception {
        assertThat(MappingLoader.load("mappings/inetorgperson.conf").backLinkAttributes()).isEmpty();
        assertThat(MappingLoader.load("mappings/active-directory.conf").backLinkAttributes()).isEmpty();
        Path file = write("entry-filter = \"(objectClass=person)\"\nproperties = [{ name = FN, value = \"{cn}\" },"
                + " { name = CATEGORIES, value = \"{memberOf}\", kind = dn-value }]");
        assertThat(MappingLoader.load(file).backLinkAttributes()).containsExactly("memberOf");
    }

    @Test
    void syntaxErrorsNameTheFile() throws Exception {
        Path file = write("properties = [ { name = FN, value = \"{cn}\" ");
        assertThatThrownBy(() -> MappingLoader.load(file)).isInstanceOf(MappingException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void badFilterNamesTheKey() throws Exception {
        Path file = write("entry-filter = \"(objectClass=person\"\nproperties = [{ name = FN, value = \"{cn}\" }]");
        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageContaining("entry-filter")
                .hasMessageContaining(file.toString());
    }

    @Test
    void badTemplateNamesTheRule() throws Exception {
        Path file = write("entry-filter = \"(objectClass=person)\"\nproperties = [{ name = FN, value = \"{cn\" }]");
        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageContaining("properties[0]")
                .hasMessageContaining("unclosed");
    }

    @Test
    void unknownComponentIsReported() throws Exception {
        Path file = write("entry-filter = \"(objectClass=person)\"\nproperties = [{ name = FN, value = \"{cn}\" },"
                + " { name = N, components { surname = \"{sn}\" } }]");
        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageContaining("properties[1].components.surname");
    }

    @Test
    void missingFnIsReported() throws Exception {
        Path file = write("entry-filter = \"(objectClass=person)\"\nproperties = [{ name = EMAIL, value = \"{mail}\" }]");
        assertThatThrownBy(() -> MappingLoader.load(file)).hasMessageContaining("FN");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> MappingLoader.load("mappings/nope.conf")).hasMessageContaining("mappings/nope.conf");
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, text);
        return file;
    }
}
