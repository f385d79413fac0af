package dev.crossmesh.plan;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants are spelled in the plan file by {@link #yamlName()}. */
public interface PlanEnum {
    String yamlName();

    static <E extends Enum<E> & PlanEnum> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.yamlName().equals(text)).findFirst();
    }

    static <E extends Enum<E> & PlanEnum> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(PlanEnum::yamlName).collect(Collectors.joining(" | "));
    }
}
