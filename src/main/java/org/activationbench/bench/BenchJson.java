package org.activationbench.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's records as JSON (snake_case keys, NaN kept as NaN) and as a flat {@code metric,value} CSV of their
 * numbers, with Jackson at the version Spark ships.
 */
final class BenchJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BenchJson() {}

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Every number and text of the record outside lists of numbers, as {@code path.to.key,value} lines under a
     * header; an element of a list of records is named by {@link #label}.
     */
    static List<String> csv(Object value) {
        List<String> lines = new ArrayList<>(List.of("metric,value"));
        flatten("", JSON.valueToTree(value), lines);
        return lines;
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What names an element of a list of records in the CSV: its architecture (and activation, for a step timing, or
     * engine, for an epoch timing), or its grid run, or its round, else its index.
     */
    private static String label(JsonNode element, int index) {
        if (element.has("architecture")) {
            String architecture = element.get("architecture").asText();
            return element.has("activation") ? architecture + "_" + element.get("activation").asText()
                    : element.has("engine") ? architecture + "_" + element.get("engine").asText() : architecture;
        }
        if (element.has("cores") && element.has("round")) {
            return "local" + element.get("cores").asText() + "_round" + element.get("round").asText();
        }
        return element.has("round") ? "round" + element.get("round").asText() : String.valueOf(index);
    }

    private static void flatten(String prefix, JsonNode node, List<String> lines) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), lines));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isObject()) {
                    flatten(prefix + label(node.get(i), i) + ".", node.get(i), lines);
                }
            }
        } else if (!node.isNull()) {
            lines.add(prefix.substring(0, prefix.length() - 1) + "," + node.asText());
        }
    }
}
