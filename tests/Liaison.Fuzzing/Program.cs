using Liaison.Fuzzing;

// liaison fuzzing: see README "Fuzzing" and scripts/fuzz.sh.
//   --write-corpus DIR            write the seed corpus to DIR/{envelope,agreement,receipt,transfer}/
//   libfuzzer TARGET              serve TARGET to libfuzzer-dotnet (SharpFuzz's libFuzzer protocol)
//   replay TARGET PATH...         run every file (or every file in every folder) through TARGET
switch (args)
{
    case ["--write-corpus", var root]:
        Console.WriteLine($"wrote {Corpus.Write(root)} seed files to {root}");
        return 0;
    case ["libfuzzer", var name]:
        // The instrumented assemblies may only run inside Fuzzer.LibFuzzer.Run, once its coverage
        // map is attached, so the target is built (and warmed up on its seeds) on the first input:
        // the empty input libfuzzer-dotnet sends before libFuzzer starts timing.
        IFuzzTarget? target = null;
        SharpFuzz.Fuzzer.LibFuzzer.Run(input =>
        {
            if (target is null)
            {
                target = FuzzTargets.Create(name);
                foreach (var seed in Corpus.For(name))
                {
                    target.Run(seed.Bytes);
                }
            }

            target.Run(input);
        });
        return 0;
    case ["replay", var name, .. var paths]:
        return Replay.Run(FuzzTargets.Create(name), paths);
    default:
        await Console.Error.WriteLineAsync("usage: Liaison.Fuzzing --write-corpus DIR | libfuzzer envelope|agreement|receipt|transfer | replay TARGET PATH...");
        return 2;
}
