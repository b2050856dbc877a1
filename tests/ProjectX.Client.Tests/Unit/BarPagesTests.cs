using ProjectX.Client.Gateway;

namespace ProjectX.Client.Tests.Unit;

/// <summary>
/// Joining History/retrieveBars pages. The reference is the rule itself, written plainly: for each time, the bar of
/// the newest page that has it (within a page, the first it gives), oldest first, the most recent <c>wanted</c> of them.
/// </summary>
public sealed class BarPagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void One_newest_first_page_is_reversed_in_place_not_copied()
    {
        var page = Bars(9, 8, 7, 6, 5);
        var pages = new BarPages();
        Assert.Equal(5, pages.Add(page));

        var result = pages.ToList(int.MaxValue);

        Assert.Same(page, result);
        Assert.Equal([5, 6, 7, 8, 9], Minutes(result));
        Assert.Equal(T0.AddMinutes(5), pages.Oldest);
    }

    [Fact]
    public void Pages_that_meet_at_a_repeated_bar_are_joined_there_and_the_newer_bar_wins()
    {
        var newest = Bars(9, 8, 7);
        var middle = Bars(7, 6, 5);
        var oldest = Bars(5, 4, 3);
        var pages = new BarPages();

        Assert.Equal(3, pages.Add(newest));
        Assert.Equal(2, pages.Add(middle));
        Assert.Equal(2, pages.Add(oldest));
        var result = pages.ToList(int.MaxValue);

        Assert.Equal([3, 4, 5, 6, 7, 8, 9], Minutes(result));
        Assert.Same(newest.Single(b => b.T == T0.AddMinutes(7)), result.Single(b => b.T == T0.AddMinutes(7)));
        Assert.Same(middle.Single(b => b.T == T0.AddMinutes(5)), result.Single(b => b.T == T0.AddMinutes(5)));
        Assert.Equal([6, 7, 8, 9], Minutes(pages.ToList(4)));
    }

    [Fact]
    public void Any_pages_in_any_order_give_what_the_rule_says()
    {
        var random = new Random(42);
        for (var round = 0; round < 500; round++)
        {
            var received = new List<AggregateBarModel[]>();
            var pages = new BarPages();
            var end = random.Next(50, 200);
            for (var p = 0; p < random.Next(1, 5); p++)
            {
                // Mostly well-behaved pages ending where the last began; sometimes shuffled, repeated or overlapping.
                var count = random.Next(0, 30);
                var newest = random.Next(6) == 0 ? end + random.Next(1, 10) : end;
                var minutes = Enumerable.Range(0, count).Select(i => newest - i).Where(m => m >= 0).ToList();
                if (random.Next(4) == 0)
                    minutes = [.. minutes.OrderBy(_ => random.Next())];
                if (random.Next(5) == 0 && minutes.Count > 0)
                    minutes.Insert(random.Next(minutes.Count), minutes[random.Next(minutes.Count)]);
                var page = Bars([.. minutes]);
                received.Add(page);
                pages.Add(page.ToArray()); // the join may reorder its own copy
                if (minutes.Count > 0)
                    end = minutes.Min();
            }
            var wanted = random.Next(2) == 0 ? int.MaxValue : random.Next(1, 40);

            var expected = received.SelectMany((page, p) => page.Select((bar, i) => (bar, p, i)))
                .GroupBy(x => x.bar.T)
                .Select(g => g.OrderBy(x => x.p).ThenBy(x => x.i).First().bar)
                .OrderBy(b => b.T)
                .ToList();
            var result = pages.ToList(wanted);

            Assert.Equal(expected.TakeLast(Math.Min(wanted, expected.Count)), result);
            Assert.Equal(expected.Count, pages.Count);
        }
    }

    private static AggregateBarModel[] Bars(params int[] minutes) =>
        [.. minutes.Select(m => new AggregateBarModel { T = T0.AddMinutes(m), O = m, H = m, L = m, C = m, V = m })];

    private static int[] Minutes(IEnumerable<AggregateBarModel> bars) => [.. bars.Select(b => (int)(b.T - T0).TotalMinutes)];
}
