using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;
using GradientMsp.Client.Session;

namespace GradientMsp.Client.Tests
{
    /// <summary>Bulk creation: repeated ids refused, existing ids skipped, batches sized, empty answers filled in.</summary>
    public class BatchCreatorTests
    {
        private readonly List<string> _existing = new List<string>();
        private readonly List<List<string>> _sent = new List<List<string>>();
        private Func<IReadOnlyList<NewAccount>, IReadOnlyList<GradientAccount>> _answer = batch => batch.Select(a => new GradientAccount { Id = a.Id, Name = a.Name + " (answered)" }).ToList();

        private BatchCreator<NewAccount, GradientAccount> Creator(int batchSize) => new BatchCreator<NewAccount, GradientAccount>(
            ct => Task.FromResult<IReadOnlyList<GradientAccount>>(_existing.Select(id => new GradientAccount { Id = id }).ToList()),
            (batch, ct) =>
            {
                _sent.Add(batch.Select(a => a.Id).ToList());
                return Task.FromResult(_answer(batch));
            },
            r => r.Id, i => i.Id, r => new GradientAccount { Id = r.Id, Name = r.Name }, batchSize);

        private static void Add(IBatchCreator creator, params string[] ids)
        {
            foreach (string id in ids)
            {
                if (creator.TryClaim(id)) creator.Queue(new NewAccount { Id = id, Name = "n-" + id });
            }
        }

        [Fact]
        public async Task Existing_ids_are_dropped_and_the_rest_go_in_batches_of_the_size_given()
        {
            _existing.AddRange(new[] { "b", "zz" });
            IBatchCreator creator = Creator(batchSize: 2);
            Add(creator, "a", "b", "c", "d", "e");

            Assert.Equal(new[] { "b" }, await creator.RemoveExistingAsync());
            Assert.Equal(2, creator.BatchCount);
            var output = new List<object>();
            for (int i = 0; i < creator.BatchCount; i++) output.AddRange(await creator.SendAsync(i));

            Assert.Equal(new[] { new[] { "a", "c" }, new[] { "d", "e" } }, _sent.Select(b => b.ToArray()));
            Assert.Equal(new[] { "a", "c", "d", "e" }, output.Cast<GradientAccount>().Select(a => a.Id));
            Assert.All(output.Cast<GradientAccount>(), a => Assert.EndsWith("(answered)", a.Name));
        }

        [Fact]
        public void A_repeated_id_is_refused_and_queued_once()
        {
            IBatchCreator creator = Creator(10);
            Assert.True(creator.TryClaim("a"));
            Assert.False(creator.TryClaim("a"));
            Add(creator, "a", "b");
            Assert.Equal(1, creator.Queued);
        }

        [Fact]
        public async Task Rows_the_answer_leaves_out_come_back_as_requested()
        {
            _answer = batch => new[] { new GradientAccount { Id = "b", Name = "B" } };
            BatchCreator<NewAccount, GradientAccount> creator = Creator(10);
            Add(creator, "a", "b");
            await creator.RemoveExistingAsync();

            IReadOnlyList<GradientAccount> created = await creator.SendBatchAsync(0);
            Assert.Equal(new[] { "b:B", "a:n-a" }, created.Select(c => c.Id + ":" + c.Name));
        }

        [Fact]
        public async Task A_failed_batch_throws_for_the_caller_to_report_per_row()
        {
            _answer = _ => throw new GradientApiException(GradientErrorKind.Conflict, "exists");
            IBatchCreator creator = Creator(10);
            Add(creator, "a", "b");
            await creator.RemoveExistingAsync();
            Assert.Equal(new[] { "a", "b" }, creator.IdsIn(0));
            var error = await Assert.ThrowsAsync<GradientApiException>(() => creator.SendAsync(0));
            Assert.Equal(GradientErrorKind.Conflict, error.Kind);
        }
    }
}
