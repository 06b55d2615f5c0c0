package org.jdbsp.nexmark.queries;

import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Person;

/** The three Nexmark input streams of a circuit, as a query sees them. */
public record NexmarkStreams(Stream<Person> persons, Stream<Auction> auctions, Stream<Bid> bids) {
}
