package org.jdbsp.circuit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names users give operators with {@link Stream#named}: unique within a circuit, its nested (recursive)
 * circuits included, and never confused with a builder's name, which always holds a {@code #} (a user name may
 * not). One registry per root builder, so per replica in a multi-worker circuit. Cost: one map entry per named
 * operator.
 */
final class OperatorNames {
    /** Letters, digits and {@code _ . : / -}: readable in a schedule such as {@code fused[a -> b]}. */
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_.:/-]+");

    private final Map<String, Node> byName = new HashMap<>();

    /**
     * Gives {@code node} the name {@code name}, freeing any name it had from this registry.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid operator name
     * @throws CircuitWiringException   if another operator has it, naming both
     */
    void rename(Node node, String name) {
        Objects.requireNonNull(name, () -> "named(): null name for " + node.generatedName());
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("named(\"" + name + "\") for " + node.generatedName() + ": an operator "
                    + "name is made of letters, digits and _ . : / - (no '#', which marks generated names)");
        }
        Node holder = byName.get(name);
        if (holder == node) {
            return;
        }
        if (holder != null) {
            throw new CircuitWiringException("cannot name " + node.generatedName() + " '" + name + "': "
                    + holder.generatedName() + " already has that name; operator names are unique within a circuit");
        }
        if (!node.name().equals(node.generatedName())) {
            byName.remove(node.name());
        }
        byName.put(name, node);
        node.rename(name);
    }
}
