/** SQL front end. */
package org.jdbsp.sql;
