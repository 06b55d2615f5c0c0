package org.jdbsp.operators.aggregate;

/** The counts of the groups of an aggregate node, which {@code COUNT(*)} ({@link AggregateNode.CountAll}) reads. */
interface GroupCounts {
    /** The committed count of group {@code id}. */
    long count(int id);

    /** The new count of the group touched {@code ord}-th in this step. */
    long newCount(int ord);
}
