Console.WriteLine("LocalAws: not built yet");
