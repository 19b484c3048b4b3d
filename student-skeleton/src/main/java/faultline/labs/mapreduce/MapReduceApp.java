package faultline.labs.mapreduce;

import java.io.Serializable;
import java.util.List;

/**
 * A MapReduce application: two pure functions. A job carries its application to the workers, so an
 * application is a serializable value (a record with no fields, usually).
 *
 * <p>The framework gives {@link #reduce} a key's values in no particular order (it depends on which
 * map task emitted them), so {@code reduce} must not depend on their order; and both functions must be
 * deterministic, since a task may run more than once and its runs must agree.
 */
public interface MapReduceApp extends Serializable {

    /** The pairs that one input file contributes; {@code file} is the file's name. */
    List<KeyValue> map(String file, String contents);

    /** The one value for {@code key}, from every value the map tasks emitted for it. */
    String reduce(String key, List<String> values);
}
