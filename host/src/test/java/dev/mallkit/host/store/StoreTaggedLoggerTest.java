package dev.mallkit.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Plugin loggers are shared per version and tag each record with the store. */
class StoreTaggedLoggerTest {

    @Test
    void recordsCarryTheStoreAndGoToTheVersionsLogger() {
        Recording version = new Recording();
        System.Logger logger = new StoreTaggedLogger(version, "store-1");

        logger.log(System.Logger.Level.INFO, "awarded {0} points", 12);
        logger.log(System.Logger.Level.WARNING, "no tier matched");
        logger.log(System.Logger.Level.DEBUG, () -> "not enabled");

        assertThat(version.records).containsExactly("INFO [store store-1] awarded 12 points", "WARNING [store store-1] no tier matched");
        assertThat(logger.getName()).isEqualTo("mallkit.plugin.p@1.0.0.store-1");
    }

    @Test
    void storesOfOneVersionShareItsLogger() {
        assertThat(StoreTaggedLogger.of("p", "1.0.0", "a").delegate()).isSameAs(StoreTaggedLogger.of("p", "1.0.0", "b").delegate());
    }

    /** A logger that keeps what reaches it at INFO and above, formatted as the JDK's backends would. */
    private static final class Recording implements System.Logger {
        final List<String> records = new ArrayList<>();

        @Override
        public String getName() {
            return "mallkit.plugin.p@1.0.0";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                records.add(level + " " + message);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                records.add(level + " " + java.text.MessageFormat.format(format, params));
            }
        }
    }
}
