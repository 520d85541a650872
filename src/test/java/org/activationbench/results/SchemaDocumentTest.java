package org.activationbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaDocumentTest {

    /** docs/schema.md is what the table definitions say; regenerate it with SchemaDocumentTest's message if not. */
    @Test
    void docsSchemaIsCurrent() throws IOException {
        String expected = SchemaDocument.markdown(Tables.ALL);
        Path doc = Path.of("docs/schema.md");
        if (System.getProperty("regenerate") != null) {
            Files.writeString(doc, expected);
        }
        assertEquals(expected, Files.readString(doc),
                "docs/schema.md is out of date: run mvn test -Dtest=SchemaDocumentTest -Dregenerate");
    }

    @Test
    void everyColumnIsDescribed() {
        for (Table<?> t : Tables.ALL) {
            for (Column<?> c : t.columns()) {
                assertEquals(false, c.description().isBlank(), t.name() + "." + c.name());
            }
        }
    }
}
