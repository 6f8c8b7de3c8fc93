package io.aria.core.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration aria-core uses for its files (catalog, audit). Internal: not part
 * of the API, and not exported by the module; other modules keep their own mapper.
 *
 * <p>The {@code java.time} module is registered by name, not found with
 * {@code findAndAddModules()}: a service lookup goes through the context class loader, so whatever
 * Jackson modules a user's class path holds would change the audit's format (and in a module
 * layer it finds the class path's copy of the module and fails).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /** @return the shared, thread-safe mapper; callers must not reconfigure it */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
