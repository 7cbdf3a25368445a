using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Qalam.Bench -- --filter '*' [--job short]
// dotnet run -c Release --project bench/Qalam.Bench -- pipeline N: N uploads of a 12-megapixel JPEG with their copies, one
// after another, printing images per second (run under /usr/bin/time -v for the memory peak). `parts` times each step;
// `jpeg FILE` writes the test photograph (bench/images/lighthouse.sh).
if (args is ["jpeg", var output])
{
    File.WriteAllBytes(output, Qalam.Bench.ImageBenchmarks.CameraJpeg(4000, 3000));
    return;
}
if (args is ["parts"])
{
    var jpeg = Qalam.Bench.ImageBenchmarks.CameraJpeg(4000, 3000);
    for (var round = 0; round < 3; round++)
    {
        var t = System.Diagnostics.Stopwatch.StartNew();
        using (var d = SkiaSharp.SKBitmap.Decode(jpeg)) { }
        var decode = t.Elapsed.TotalMilliseconds;
        t.Restart();
        var stored = ((Qalam.Media.ImageOutcome.Ready)Qalam.Media.ImageProcessor.Process(jpeg, 40_000_000)).Image.Bytes;
        var process = t.Elapsed.TotalMilliseconds;
        t.Restart();
        Qalam.Media.ImageProcessor.Copies(stored, Qalam.Bench.ImageBenchmarks.CopyWidths);
        Console.WriteLine(System.FormattableString.Invariant($"decode {decode:0} ms, process {process:0} ms, copies {t.Elapsed.TotalMilliseconds:0} ms"));
    }
    return;
}
if (args is ["pipeline", var count])
{
    var jpeg = Qalam.Bench.ImageBenchmarks.CameraJpeg(4000, 3000);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var n = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
    for (var i = 0; i < n; i++)
    {
        var stored = ((Qalam.Media.ImageOutcome.Ready)Qalam.Media.ImageProcessor.Process(jpeg, 40_000_000)).Image.Bytes;
        Qalam.Media.ImageProcessor.Copies(stored, Qalam.Bench.ImageBenchmarks.CopyWidths);
    }
    Console.WriteLine(System.FormattableString.Invariant($"{n} images of {jpeg.Length / 1024} KiB in {clock.Elapsed.TotalSeconds:0.0} s: {n / clock.Elapsed.TotalSeconds:0.00} images/s with copies"));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Qalam.Bench.CrawlerBenchmarks).Assembly).Run(args);
