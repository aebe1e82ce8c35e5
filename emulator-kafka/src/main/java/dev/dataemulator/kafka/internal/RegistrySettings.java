package dev.dataemulator.kafka.internal;

/**
 * Where and how the Kafka sink registers value schemas.
 *
 * @param url the Confluent-compatible API's base URL, without a trailing slash
 * @param user the basic-auth user, or null
 * @param password the basic-auth password, or null; never logged
 * @param strategy how subjects are named
 * @param autoRegister whether missing schemas are registered; when false, a subject's latest version must be the
 *     domain's schema
 */
public record RegistrySettings(String url, String user, String password, SubjectNameStrategy strategy,
        boolean autoRegister) {

    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "****")
                + ", strategy=" + strategy + ", autoRegister=" + autoRegister + "]";
    }
}
