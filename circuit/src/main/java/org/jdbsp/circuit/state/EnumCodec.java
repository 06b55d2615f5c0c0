package org.jdbsp.circuit.state;

/** Writes an enum constant by name, so that reordering the constants keeps checkpoints readable. */
final class EnumCodec<E extends Enum<E>> implements RowCodec<Enum<?>> {
    private final Class<E> type;

    @SuppressWarnings("unchecked")
    EnumCodec(Class<?> type) {
        this.type = (Class<E>) type;
    }

    @Override
    public String id() {
        return "enum:" + type.getName();
    }

    @Override
    public void write(Enum<?> value, StateWriter out) {
        out.writeString(value.name());
    }

    @Override
    public Enum<?> read(StateReader in) {
        String name = in.readString();
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw in.corrupt(type.getName() + " has no constant " + name);
        }
    }
}
