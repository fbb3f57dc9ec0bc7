package org.galdav.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.PropertyListParser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.ScriptNamedUser;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 12's browser test: a real headless Chromium logs in to the setup page (Basic login, as a person would),
 * checks what a person sees (the public URL, their books, every client's section), decodes the QR code it
 * shows with zbarimg, downloads the Apple profile and parses it as a property list, meets a directory entry
 * named {@code <script>alert(1)</script>} without running it, and saves the screenshots docs/clients shows
 * (to target/setup-screenshots; with -Dgaldav.update-screenshots=true also to docs/clients/images).
 */
class SetupPageBrowserIT {
    static final String PUBLIC_URL = "https://contacts.example.com/";
    static final String SCRIPT = ScriptNamedUser.NAME;
    static final Path SCREENSHOTS = Path.of("target/setup-screenshots");
    private static GaldavServer server;
    private static ChromeDriver browser;
    private static URI local;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(Map.of("demo.people", 60, "http.public-url", PUBLIC_URL), new ArrayList<>(),
                TimeSource.SYSTEM);
        ScriptNamedUser.addTo(server.demo().orElseThrow());
        local = URI.create(server.url());
        Files.createDirectories(dir.resolve("downloads"));
        browser = HeadlessChromium.start(dir.resolve("profile"), dir.resolve("downloads"), 1200, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    /** Opens a page logged in: credentials in the URL are what Chromium sends as its Basic login. */
    private static void open(String login, String path) {
        browser.get("http://" + login + ":" + login + "@" + local.getAuthority() + path);
    }

    @Test
    void aPersonSeesTheirAccountBooksAndEveryClient() throws Exception {
        open("demo", "/");
        assertThat(browser.getTitle()).contains("contacts");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("server-url")).getText()).isEqualTo(PUBLIC_URL);
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("demo");
        assertThat(browser.findElement(By.cssSelector("#book-directory th")).getText()).isEqualTo("Company directory");
        assertThat(browser.findElement(By.cssSelector("#book-search td:last-child")).getText()).isEqualTo("search only");
        for (String client : List.of("ios", "macos", "davx5", "thunderbird", "evolution", "outlook", "command-line")) {
            WebElement section = browser.findElement(By.id(client));
            assertThat(section.findElement(By.tagName("h3")).isDisplayed()).as(client).isTrue();
            assertThat(section.findElements(By.cssSelector("a[href^='/setup/guides/']"))).as(client).isNotEmpty();
        }
        assertThat(browser.findElement(By.id("ios")).getText()).contains("contacts.example.com");
        assertThat(browser.findElements(By.id("plain-http"))).as("the public URL is HTTPS").isEmpty();

        // The QR code as the browser drew it, decoded by zbar: the public URL.
        WebElement qr = browser.findElement(By.id("qr"));
        Path shot = Files.write(dir.resolve("qr.png"), qr.getScreenshotAs(OutputType.BYTES));
        assertThat(Zbar.decode(shot)).isEqualTo(PUBLIC_URL);

        // Phones: the page fits a phone's width without sideways scrolling.
        Files.createDirectories(SCREENSHOTS);
        screenshot("setup-page-desktop.png", 1200, true);
        screenshot("setup-page-phone.png", 390, false);
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        browser.manage().window().setSize(new Dimension(1200, 900));

        // A guide, rendered by galdav, one click away.
        browser.findElement(By.cssSelector("#davx5 a[href='/setup/guides/davx5']")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).containsIgnoringCase("DAVx");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
    }

    @Test
    void theProfileDownloadIsAPropertyListWithTheAccount() throws Exception {
        open("demo", "/");
        Path downloads = dir.resolve("downloads");
        browser.findElement(By.id("profile-link")).click();
        Path profile = Downloads.await(downloads, "galdav.mobileconfig");
        NSDictionary root = (NSDictionary) PropertyListParser.parse(Files.readAllBytes(profile));
        assertThat(root.objectForKey("PayloadType").toJavaObject()).isEqualTo("Configuration");
        NSDictionary account = (NSDictionary) ((NSArray) root.objectForKey("PayloadContent")).objectAtIndex(0);
        assertThat(account.objectForKey("PayloadType").toJavaObject()).isEqualTo("com.apple.carddav.account");
        assertThat(account.objectForKey("CardDAVHostName").toJavaObject()).isEqualTo("contacts.example.com");
        assertThat(((NSNumber) account.objectForKey("CardDAVPort")).intValue()).isEqualTo(443);
        assertThat(((NSNumber) account.objectForKey("CardDAVUseSSL")).boolValue()).isTrue();
        assertThat(account.objectForKey("CardDAVUsername").toJavaObject()).isEqualTo("demo");
        assertThat(account.allKeys()).noneMatch(k -> k.toLowerCase(java.util.Locale.ROOT).contains("password"));
    }

    /** WCAG 2.1 AA contrast for every piece of text on the page and on a guide, as Chromium renders them. */
    @Test
    void everyTextMeetsTheContrastMinimum() throws Exception {
        String script = new String(SetupPageBrowserIT.class.getResourceAsStream("/browser/contrast.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        for (String path : List.of("/", "/setup/guides/ios")) {
            open("demo", path);
            List<?> result = (List<?>) browser.executeScript(script);
            assertThat(((Number) result.get(0)).intValue()).as(path + ": texts checked").isGreaterThan(50);
            assertThat((List<?>) result.get(1)).as(path + ": texts below 4.5:1 (3:1 when large)").isEmpty();
        }
    }

    @Test
    void aDirectoryEntryNamedLikeAScriptIsShownNotRun() {
        open("mallory", "/addressbooks/directory/");
        assertThat(browser.findElement(By.id("display-name")).getText()).isEqualTo(SCRIPT);
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("mallory");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.getPageSource()).doesNotContain("Demo User");
    }

    /** Saves the page at a width: the whole page, or the first screen of a phone (390 x 844). */
    private static void screenshot(String name, int width, boolean whole) throws Exception {
        browser.manage().window().setSize(new Dimension(width, 844));
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(width, whole ? (int) Math.min(height + 140, 6000) : 844));
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).isGreaterThan(10_000);
        if (Boolean.getBoolean("galdav.update-screenshots")) {
            Path docs = Path.of("docs/clients/images");
            Files.createDirectories(docs);
            Files.copy(file, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
