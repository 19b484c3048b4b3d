package faultline.framework.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A trace as it is written to disk and read back: what the run was ({@code about}: test, seed, scenario, and for
 * a failing run the failure and when it happened), how many events were recorded and left out, and the kept
 * events. The test kit writes it, the dashboard and the handout's chart page read it: one model for both.
 *
 * @param about     header fields in the order written (test, seed, scenario, failure, failedAt, ...)
 * @param recorded  every event the run recorded, kept or not
 * @param omitted   events recorded but not kept (the middle of a long run)
 * @param headLength how many of the kept events are the run's first ones
 * @param digest    SHA-256 over every recorded event's line
 * @param events    the kept events in the order they happened
 */
public record TraceFile(Map<String, String> about, long recorded, long omitted, int headLength, String digest,
                        List<TraceEvent> events) {

    /** Header field: the failure's message, when the run failed. */
    public static final String FAILURE = "failure";
    /** Header field: the run's clock (milliseconds) when the failure was found. */
    public static final String FAILED_AT = "failedAt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COUNTS = Set.of("recorded", "omitted", "headLength", "digest", "events");

    public TraceFile {
        about = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(about));
        events = List.copyOf(events);
    }

    /** A header field, or "" when the file has none. */
    public String field(String name) {
        return about.getOrDefault(name, "");
    }

    /** When the failure was found, if the file says. */
    public Optional<Long> failedAt() {
        try {
            return field(FAILED_AT).isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(field(FAILED_AT)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads a trace file's JSON. */
    public static TraceFile read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("This trace file is not valid JSON, so it cannot be drawn.", e);
        }
        if (root == null || !root.path("events").isArray()) {
            throw new IllegalArgumentException("This trace file has no events to draw.");
        }
        Map<String, String> about = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!COUNTS.contains(f.getKey()) && f.getValue().isValueNode()) {
                about.put(f.getKey(), f.getValue().asText());
            }
        }
        List<TraceEvent> events = new ArrayList<>();
        for (JsonNode e : root.path("events")) {
            TraceEvent.Kind kind;
            try {
                kind = TraceEvent.Kind.valueOf(e.path("kind").asText("NOTE"));
            } catch (IllegalArgumentException unknown) {
                kind = TraceEvent.Kind.NOTE;
            }
            events.add(new TraceEvent(e.path("t").asLong(), kind, e.path("node").asText(""), e.path("peer").asText(""),
                    e.path("id").asLong(0), e.path("detail").asText("")));
        }
        return new TraceFile(about, root.path("recorded").asLong(events.size()), root.path("omitted").asLong(0),
                root.path("headLength").asInt(0), root.path("digest").asText(""), events);
    }

    /** Writes the file's JSON. */
    public void writeJson(Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> field : about.entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeNumberField("recorded", recorded);
            json.writeNumberField("omitted", omitted);
            json.writeNumberField("headLength", headLength);
            json.writeStringField("digest", digest);
            json.writeArrayFieldStart("events");
            for (TraceEvent event : events) {
                json.writeStartObject();
                json.writeNumberField("t", event.time());
                json.writeStringField("kind", event.kind().name());
                json.writeStringField("node", event.node());
                if (!event.peer().isEmpty()) {
                    json.writeStringField("peer", event.peer());
                }
                if (event.messageId() != 0) {
                    json.writeNumberField("id", event.messageId());
                }
                json.writeStringField("detail", event.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
