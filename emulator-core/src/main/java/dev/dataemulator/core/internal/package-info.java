/**
 * Not an API: the engine behind {@link dev.dataemulator.core.Emulation} (workers, stop conditions, the one shutdown
 * path), provider loading, rate limiting, record encoding and the {@code memory} sink's provider. Public only
 * because the API package calls into it; may change in any release. The module descriptor does not export it.
 */
package dev.dataemulator.core.internal;
