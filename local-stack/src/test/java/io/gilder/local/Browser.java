package io.gilder.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the distribution's chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}), on a free port, with a throw-away profile.
 * Both executables are named explicitly, so Selenium never tries to download a browser or driver.
 * Use with {@code @ExtendWith(Browser.Extension.class)} and a {@code Browser} parameter: one browser
 * per test class, always quit (and its profile deleted) when the class ends, pass or fail.
 */
public final class Browser implements AutoCloseable {

    /** Overridable with {@code -Dgilder.chromium=...}. */
    static final String CHROMIUM = System.getProperty("gilder.chromium", "/usr/bin/chromium");
    /** Overridable with {@code -Dgilder.chromedriver=...}. */
    static final String CHROMEDRIVER = System.getProperty("gilder.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts chromedriver on a free port and a headless Chromium under it. */
    public static Browser start() {
        for (String executable : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(executable).canExecute()) {
                throw new IllegalStateException(executable + " is missing: install the Debian packages chromium and chromium-driver");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("gilder-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().withSilent(true).build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                // root in a container has no user namespace sandbox; /dev/shm may be tiny
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1024");
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    /**
     * The {@code data-outcome} of the page a form's POST loads. Right after a click the old page may
     * still be shown (or be going away), so this waits until the outcome is no longer {@code open}.
     */
    public static String outcomeAfterSubmit(org.openqa.selenium.WebDriver page) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                String outcome = page.findElement(org.openqa.selenium.By.id("outcome")).getAttribute("data-outcome");
                if (!"open".equals(outcome) || System.nanoTime() > deadline) {
                    return outcome;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException navigating) {
                if (System.nanoTime() > deadline) {
                    throw navigating;
                }
            } catch (org.openqa.selenium.WebDriverException navigating) {
                // Chromium may answer for an element of the page being replaced with an inspector error instead of a stale
                // reference ("Node with given id does not belong to the document"): the same moment, under another name.
                if (!String.valueOf(navigating.getMessage()).contains("does not belong to the document") || System.nanoTime() > deadline) {
                    throw navigating;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Signs in from an approval link in a fresh session (every cookie of every site cleared first): the page sends the
     * browser to the local identity provider's login form, where {@code user} signs in with {@code claimsJson}; the
     * provider's return lands on the page's sign-in callback, which navigates on to the approval. Returns the
     * {@code data-outcome} of the page the browser ends on.
     */
    public String signIn(String link, String user, String claimsJson) {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        driver.get(link);
        org.openqa.selenium.WebElement username = waitFor(org.openqa.selenium.By.name("username"));
        username.sendKeys(user);
        driver.findElement(org.openqa.selenium.By.name("claims")).sendKeys(claimsJson);
        driver.findElement(org.openqa.selenium.By.cssSelector("input[type=submit]")).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                String outcome = driver.findElement(org.openqa.selenium.By.id("outcome")).getAttribute("data-outcome");
                if (!"signed-in".equals(outcome) || System.nanoTime() > deadline) {
                    return outcome;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException navigating) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no Gilder page after signing in; the browser shows " + driver.getCurrentUrl(), navigating);
                }
            }
            pause();
        }
    }

    private org.openqa.selenium.WebElement waitFor(org.openqa.selenium.By by) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return driver.findElement(by);
            } catch (org.openqa.selenium.NoSuchElementException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no " + by + " on " + driver.getCurrentUrl() + ": " + driver.getPageSource(), notYet);
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Quits the browser, stops chromedriver and deletes the profile; safe to call twice. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives each test class one {@link Browser}, closed when the class's tests are done. */
    public static final class Extension implements ParameterResolver {

        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Browser.class);

        record Open(Browser browser) implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() {
                browser.close();
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                    ? context.getParent().orElse(context) : context;
            return classContext.getStore(NS).getOrComputeIfAbsent("browser", k -> new Open(Browser.start()), Open.class).browser();
        }
    }
}
