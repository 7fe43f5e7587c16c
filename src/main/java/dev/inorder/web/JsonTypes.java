package dev.inorder.web;

import dev.inorder.deadletter.DeadLetter;
import dev.inorder.ingest.Ingest;
import dev.inorder.live.LiveMessage;
import dev.inorder.live.QueueTicker;
import dev.inorder.match.PlayerLine;
import dev.inorder.match.Team;
import dev.inorder.query.Leaderboard;
import dev.inorder.query.MatchSummary;
import dev.inorder.query.MatchView;
import dev.inorder.query.Page;
import dev.inorder.query.PlayerView;
import dev.inorder.query.TimelineItem;
import dev.inorder.status.QueueStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type Jackson writes, registered for reflection in a native image. Quarkus REST registers the declared return
 * types itself, but not what hides behind generics ({@code Page<T>}) or {@code Object} ({@code LiveMessage.data}).
 */
@RegisterForReflection(targets = { ApiError.class, Ingest.Accepted.class, QueueStatus.class, Page.class,
        MatchSummary.class, MatchView.class, TimelineItem.class, PlayerView.class, PlayerView.Career.class,
        PlayerView.PlayedMatch.class, dev.inorder.series.Series.class, dev.inorder.series.Series.SeriesTeam.class, dev.inorder.series.SeriesScore.class, dev.inorder.series.SeriesScore.Brief.class, dev.inorder.series.SeriesScore.Standing.class, dev.inorder.series.SeriesScore.Played.class, dev.inorder.series.SeriesResource.NewSeries.class, dev.inorder.series.SeriesResource.Attach.class, Leaderboard.class, Leaderboard.Leader.class, Team.class, PlayerLine.class, PlayerLine.Derived.class, LiveMessage.class, QueueTicker.Tick.class, dev.inorder.ingest.Source.View.class,
        DeadLetter.class })
public final class JsonTypes {

    private JsonTypes() {
    }
}
