/**
 * The bundled data domains, found with {@link java.util.ServiceLoader} once this module is on the class path:
 * {@link dev.dataemulator.factories.TransactionProvider transaction},
 * {@link dev.dataemulator.factories.UserProfileProvider user-profile} and
 * {@link dev.dataemulator.factories.DeviceLogProvider device-log}. Options are listed in
 * {@link dev.dataemulator.factories.FactoryOptions}.
 *
 * <p>All three domains share one universe per seed: the user id space (1000..9999 by default), the compromised
 * users and each user's home country. Values such as names, addresses, merchants and user agents are real Datafaker
 * values, made once per emulation into pools by a Faker seeded from the emulation seed; each record then draws only
 * from the random source the engine hands it and from those pools by index, so a record is a pure function of
 * (seed, options, sequence number, clock) and generation runs at millions of records per second.
 */
package dev.dataemulator.factories;
