package org.jdbsp.operators.window;

import org.jdbsp.circuit.Stream;

/**
 * The result of {@link Watermarks#withLateness}: the stream of accepted (non-late) rows and the
 * {@link Watermark} that the filter maintains.
 *
 * @param <T> the row type
 */
public final class Watermarked<T> {
    private final Stream<T> stream;
    private final Watermark watermark;

    Watermarked(Stream<T> stream, Watermark watermark) {
        this.stream = stream;
        this.watermark = watermark;
    }

    /** The input without its late changes. */
    public Stream<T> stream() {
        return stream;
    }

    /** The watermark, to pass to window and session operators and to read between steps. */
    public Watermark watermark() {
        return watermark;
    }

    /** Late changes dropped so far (see {@link Watermark#lateRecords()}). */
    public long lateRecords() {
        return watermark.lateRecords();
    }
}
