/** Parsing, checking, compilation and evaluation of declarative domains. Not API. */
package dev.dataemulator.declarative.internal;
