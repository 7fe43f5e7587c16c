package dev.inorder.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.inorder.support.Client;
import dev.inorder.support.MatchScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The live page in a real headless Chromium (Debian's chromium and chromedriver; nothing is downloaded): a match is
 * posted while the page is open, and the page must show its score and the goal. Screenshot: target/live-view.png.
 */
@QuarkusTest
class LiveViewTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL page;

    @TestHTTPResource("/events")
    URI events;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "chromium and chromium-driver are not installed (.ci/run installs them)");
        }
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowTheScoreAndTheGoalOfAMatchPostedWhileThePageIsOpen() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String guid = "LIVE-" + run;
        browser.get(page.toString());
        // The page redraws a card on each update: an element found may be replaced before it is read.
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(b -> b.findElement(By.id("connection")).getText().equals("live"));

        List<String> match = new MatchScript(guid, run).events();
        // Up to and including the snapshot after the first goal (Blue 1, Orange 0) and its statfeed events.
        int afterFirstGoal = match.indexOf(match.stream().filter(e -> e.contains("\"Score\":1},{\"Name\":\"Orange\"")).findFirst().orElseThrow());
        for (String event : match.subList(0, afterFirstGoal + 1)) {
            assertThat(Client.post(events, "browser-test-" + run, event).status()).isEqualTo(202);
        }

        String card = "[data-match='" + guid + "']";
        wait.until(b -> b.findElements(By.cssSelector(card + " .score-blue")).stream().anyMatch(e -> e.getText().equals("1")));
        assertThat(browser.findElement(By.cssSelector(card + " .score-orange")).getText()).isEqualTo("0");
        wait.until(b -> b.findElement(By.id("ticker")).getText().contains("GOAL Ada (assist Bea)"));
        assertThat(browser.findElements(By.cssSelector(card + " tbody tr"))).hasSize(6);

        Path screenshot = Path.of("target", "live-view.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void shouldServeOneMatchAsACleanTransparentScoreboardAndPutTheLiveMatchFirstAfterAReload() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sender = "obs-" + run;
        String ended = "OBS-ENDED-" + run;
        String live = "OBS-LIVE-" + run;
        // First a whole match, then the start of another, up to the snapshot after its first goal: both of one sender.
        for (String event : new MatchScript(ended, run + "e").events()) {
            assertThat(Client.post(events, sender, event).status()).isEqualTo(202);
        }
        List<String> second = new MatchScript(live, run + "l").events();
        int afterFirstGoal = second.indexOf(second.stream().filter(e -> e.contains("\"Score\":1},{\"Name\":\"Orange\"")).findFirst().orElseThrow());
        for (String event : second.subList(0, afterFirstGoal + 1)) { // the goal, its statfeed twins, the snapshot
            assertThat(Client.post(events, sender, event).status()).isEqualTo(202);
        }
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        // Opened (as after a reload) once everything is stored: the live match first, the ended one below it.
        wait.until(b -> {
            b.get(page.toString());
            return true;
        });
        wait.until(b -> b.findElements(By.cssSelector("article[data-match='" + ended + "']")).size() == 1);
        var cards = browser.findElements(By.cssSelector("#matches article"));
        assertThat(cards.get(0).getAttribute("data-match")).isEqualTo(live);
        assertThat(browser.findElements(By.cssSelector("#matches article.ended"))).as("at most 4 ended, below the live ones")
                .hasSizeLessThanOrEqualTo(4);
        assertThat(cards.get(cards.size() - 1).getAttribute("class")).contains("ended");
        // The ticker is filled from the timeline on load, says which match, and shows each goal once.
        wait.until(b -> b.findElement(By.id("ticker")).getText().contains("GOAL Ada (assist Bea)"));
        var lines = browser.findElements(By.cssSelector("#ticker li[data-match='" + live + "']")).stream()
                .map(li -> li.getText()).toList();
        assertThat(lines).filteredOn(l -> l.contains("Ada")).as("the goal once, labelled with its match")
                .containsExactly("Blue 1–0 Orange\nGOAL Ada (assist Bea) · 97 km/h");
        assertThat(browser.findElement(By.id("ticker")).getText()).doesNotContain("Ada: Goal");

        // Sortable player tables: by goals, the top scorer first.
        browser.findElement(By.cssSelector("article[data-match='" + ended + "'] th[data-sort='goals']")).click();
        wait.until(b -> b.findElement(By.cssSelector("article[data-match='" + ended + "'] tbody tr td")).getText().startsWith("Ada"));
        assertThat(browser.findElement(By.cssSelector("article[data-match='" + ended + "'] tbody tr td")).getText()).contains("★");

        // One match, for OBS: only its scoreboard, no header, no ticker, a transparent page, a real dash between scores.
        browser.get(page + "?match=" + live + "&transparent=1");
        wait.until(b -> b.findElements(By.cssSelector("article[data-match='" + live + "'] .score-blue")).stream().anyMatch(e -> e.getText().equals("1")));
        assertThat(browser.findElements(By.cssSelector("#matches article"))).hasSize(1);
        assertThat(browser.findElement(By.tagName("header")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.tagName("aside")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color")).isEqualTo("rgba(0, 0, 0, 0)");
        var sep = browser.findElement(By.cssSelector(".sep"));
        assertThat(sep.getText()).isEqualTo("–");
        assertThat(Double.parseDouble(sep.getCssValue("font-size").replace("px", ""))).isGreaterThanOrEqualTo(32);
        Path screenshot = Path.of("target", "live-scoreboard.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The live match of one sender: the newest of theirs, and the next one when it starts.
        browser.get(page + "?sender=" + sender);
        wait.until(b -> b.findElements(By.cssSelector("#matches article")).size() == 1
                && b.findElement(By.cssSelector("#matches article")).getAttribute("data-match").equals(live));
        String next = "OBS-NEXT-" + run;
        assertThat(Client.post(events, sender, dev.inorder.support.Events.updateState(next, 1)).status()).isEqualTo(202);
        wait.until(b -> b.findElements(By.cssSelector("#matches article")).size() == 1
                && b.findElement(By.cssSelector("#matches article")).getAttribute("data-match").equals(next));
    }
}
