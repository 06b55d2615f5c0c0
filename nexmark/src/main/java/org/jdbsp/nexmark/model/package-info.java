/**
 * The three Nexmark event types (person, auction, bid) and the {@link
 * org.jdbsp.nexmark.model.Event} type that unites them.
 */
package org.jdbsp.nexmark.model;
