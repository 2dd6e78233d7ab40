package io.riffle.streaming.cli;

import io.riffle.streaming.runtime.StateBackendKind;
import picocli.CommandLine;

/** Reads {@code --state-backend rocksdb|hashmap}. */
public final class StateBackendConverter implements CommandLine.ITypeConverter<StateBackendKind> {
    @Override
    public StateBackendKind convert(String value) {
        return StateBackendKind.parse(value);
    }
}
