package org.jdbsp.benches.maps;

import org.jdbsp.zset.LongWeightConsumer;
import org.jdbsp.zset.WeightedConsumer;

/** Reusable consumer that sums weights: iteration benchmarks allocate nothing per pass. */
final class Summer implements LongWeightConsumer, WeightedConsumer<Object> {
    long sum;

    @Override
    public void accept(long element, long weight) {
        sum += weight;
    }

    @Override
    public void accept(Object element, long weight) {
        sum += weight;
    }
}
