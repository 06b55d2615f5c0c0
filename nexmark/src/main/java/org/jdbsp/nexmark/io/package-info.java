/**
 * JSON Lines files of Nexmark events in the standard schema: one object per line, {@code
 * {"event_type":0|1|2,"person"|"auction"|"bid":{...}}}, times as epoch milliseconds. Write with
 * {@link org.jdbsp.nexmark.io.EventJsonWriter}, read strictly with {@link
 * org.jdbsp.nexmark.io.EventJsonReader}.
 */
package org.jdbsp.nexmark.io;
