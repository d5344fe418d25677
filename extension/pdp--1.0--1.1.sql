/* extension/pdp--1.0--1.1.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pdp UPDATE TO '1.1'" to load this file. \quit

/*
 * pdp 1.1.  A fresh CREATE EXTENSION pdp runs pdp--1.0.sql and then this
 * script, as ALTER EXTENSION pdp UPDATE does on an installed 1.0, so both
 * end up with the same objects (tests/t/008_upgrade.pl checks it).
 */
