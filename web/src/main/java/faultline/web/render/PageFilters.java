package faultline.web.render;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Template filters for the types the view models carry: {@code when} for times, {@code opt} for Optionals. */
final class PageFilters extends AbstractExtension {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("when", new Simple(v -> v instanceof Instant i ? FORMAT.format(i) : ""),
                "opt", new Simple(v -> v == null ? "" : v));
    }

    /** A filter without arguments that first unwraps an Optional. */
    private record Simple(java.util.function.Function<Object, Object> f) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            Object v = input instanceof Optional<?> o ? o.orElse(null) : input;
            return f.apply(v);
        }
    }
}
