package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    @Test
    void theShippedJsonSchemaDescribesEveryGeneratorOfTheFormat() throws Exception {
        JsonNode schema;
        try (InputStream in = DeclarativeDomains.class.getResourceAsStream("domain-definition-v1.schema.json")) {
            assertThat(in).as("schema in the jar").isNotNull();
            schema = new ObjectMapper().readTree(in);
        }
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        List<String> generators = new ArrayList<>();
        for (JsonNode variant : schema.path("$defs").path("field").path("oneOf")) {
            generators.add(variant.path("required").get(0).asText());
            assertThat(variant.path("properties").has("null_rate")).isTrue();
            assertThat(variant.path("properties").has("doc")).isTrue();
        }
        assertThat(generators).containsExactlyElementsOf(DeclarativeDomains.generators());
    }
}
