package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One server for the class, with credentials of its own; the kill and restart test leaves it running. */
class EmbeddedPostgresIT {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension(EmbeddedPostgres.builder()
            .credentials("app", "s3cret"));

    @Test
    void aRealPostgreSql17AnswersOnLoopbackWithTheGivenCredentials() throws Exception {
        EmbeddedPostgres server = POSTGRES.server();
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres");
        try (Connection c = connect(server, server.password()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, "
                        + "current_user, inet_server_addr()::text")) {
            rs.next();
            assertThat(rs.getInt(1)).isBetween(170000, 179999);
            assertThat(rs.getString(2)).isEqualTo("app");
            assertThat(rs.getString(3)).startsWith("127.0.0.1");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        EmbeddedPostgres server = POSTGRES.server();
        assertThatThrownBy(() -> connect(server, "not-the-password").close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void aKilledServerRestartsOnTheSamePortWithItsCommittedRows() throws Exception {
        EmbeddedPostgres server = POSTGRES.server();
        int port = server.port();
        try (Connection c = connect(server, "s3cret"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int PRIMARY KEY)");
            s.execute("INSERT INTO kept SELECT generate_series(1, 1000)");
        }
        server.kill();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> connect(server, "s3cret").close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
        server.restart();
        assertThat(server.port()).isEqualTo(port);
        try (Connection c = connect(server, "s3cret"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM kept")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
            assertThat(rs.getLong(2)).isEqualTo(1000L * 1001 / 2);
        }
        server.stop();
        assertThat(server.isRunning()).isFalse();
        server.restart();
        try (Connection c = connect(server, "s3cret"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
        }
        assertThat(server.isRunning()).isTrue();
    }

    private static Connection connect(EmbeddedPostgres server, String password) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), password);
    }
}
