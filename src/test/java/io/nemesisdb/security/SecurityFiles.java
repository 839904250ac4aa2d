package io.nemesisdb.security;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the test key file and TLS files before the server of a test class starts: declare it
 * with {@code @ExtendWith} above {@code @HelidonTest}, whose extension starts the server and
 * would otherwise find no files.
 */
public final class SecurityFiles implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestKeys.write();
        TestTls.write();
    }
}
