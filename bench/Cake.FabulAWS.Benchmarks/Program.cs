using Cake.FabulAWS.Benchmarks;

// Fan-out of `sleep 1` over real sshd on loopback: 1 host, then 20 hosts (fresh connections each run).
// Usage: dotnet run -c Release --project bench/Cake.FabulAWS.Benchmarks [hosts=20] [runs=3]
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
await using var fleet = await LoopbackFleet.StartAsync(count);
Console.WriteLine($"{count} sshd on {fleet.Prefix}.1-{count}:2222, {Environment.ProcessorCount} cores, {runs} runs each (median)");
await FanOutBenchmark.RunAsync(fleet, 1, concurrency: 10, runs); // warm-up (JIT, first key exchange)
var one = await FanOutBenchmark.RunAsync(fleet, 1, concurrency: 10, runs);
var allDefault = await FanOutBenchmark.RunAsync(fleet, count, concurrency: 10, runs);
var allAtOnce = await FanOutBenchmark.RunAsync(fleet, count, concurrency: count, runs);
Console.WriteLine($"sleep 1 on  1 host                       : {one:0.00} s");
Console.WriteLine($"sleep 1 on {count} hosts, concurrency 10 (default): {allDefault:0.00} s  (ratio {allDefault / one:0.00})");
Console.WriteLine($"sleep 1 on {count} hosts, concurrency {count}         : {allAtOnce:0.00} s  (ratio {allAtOnce / one:0.00})");
