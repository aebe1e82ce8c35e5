/**
 * Implementation of the bundled domains: option parsing, the seed-derived user space, Datafaker value pools and
 * allocation-light formatting. Not an API; may change in any release.
 */
package dev.dataemulator.factories.internal;
