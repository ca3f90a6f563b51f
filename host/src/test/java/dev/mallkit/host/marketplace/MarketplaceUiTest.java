package dev.mallkit.host.marketplace;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** The three roles in the web UI, end to end in headless chromium, against a real host. */
class MarketplaceUiTest {
    @TempDir
    Path dir;

    @Test
    void providerSubmitsAdminApprovesMerchantEnablesThroughTheGeneratedFormAndTheStoreServesIt() throws Exception {
        try (TestHost host = TestHost.start(DbKind.H2); Browser browser = Browser.start()) {
            String provider = MarketHost.provider(host, "test-provider");
            String merchant = host.merchant("ui-merchant");
            host.store(merchant, "ui-store");
            Path jar = MarketHost.jumpJar(dir, "ui-jumps", "1.0.0", "ui");
            browser.open("http://127.0.0.1:" + host.port() + "/");

            browser.connect(provider, "provider");
            browser.find("#package").sendKeys(jar.toAbsolutePath().toString());
            browser.find("#upload").click();
            browser.waitForText("#upload-status", "PENDING", Duration.ofSeconds(60));
            browser.waitForText("#submissions", "ui-jumps", Duration.ofSeconds(10));

            browser.connect(TestHost.ADMIN_TOKEN, "admin");
            browser.waitForVisible("#queue .approve", Duration.ofSeconds(10));
            assertThat(browser.text("#queue")).contains("ui-jumps 1.0.0 by test-provider");
            browser.find("#queue .approve").click();
            browser.waitForText("#message", "installed", Duration.ofSeconds(30));
            assertThat(browser.text("#message")).contains("Approved ui-jumps 1.0.0");

            browser.connect(merchant, "merchant");
            new Select(browser.find("#plugin")).selectByValue("ui-jumps");
            new Select(browser.find("#version")).selectByValue("1.0.0");
            browser.find("#cfg-title").sendKeys("From the browser");
            browser.find("#cfg-limit").clear();
            browser.find("#cfg-limit").sendKeys("5");
            new Select(browser.find("#cfg-style")).selectByVisibleText("bold");
            assertThat(browser.find("#cfg-apiKey").getAttribute("type")).as("a password field").isEqualTo("password");
            browser.find("#enable").click();
            browser.waitForText("#feature-ui-jumps .status", "ACTIVE", Duration.ofSeconds(10));

            assertThat(MarketHost.labels(host, "ui-store")).containsExactly("ui|From the browser|5|bold");
            // and a storefront call over HTTP is served by the plugin the browser approved and enabled
            String storefront = host.storefront(merchant, "ui-store");
            TestHost.Response targets = host.get("/v1/stores/ui-store/live-rooms/room-1/jump-targets?viewer=v1", storefront);
            assertThat(targets.status()).as(targets.text()).isEqualTo(200);
            assertThat(targets.array().getJsonObject(0).getString("id")).isEqualTo("ui-jumps:t1");
            assertThat(targets.array().getJsonObject(0).getString("label")).isEqualTo("ui|From the browser|5|bold");
        }
    }
}
