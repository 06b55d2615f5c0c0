/**
 * The standard Nexmark event generator, producing the same persons, auctions and bids as Apache
 * Beam's Nexmark generator for the same configuration. Entry points: {@link
 * org.jdbsp.nexmark.generator.NexmarkConfig} and {@link
 * org.jdbsp.nexmark.generator.NexmarkGenerator}.
 */
package org.jdbsp.nexmark.generator;
