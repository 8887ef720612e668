using Demo;

// ./build.sh --target=Demo runs this program (build/demo.cake); see DemoOptions.Usage for running it by hand.
return await DemoProgram.MainAsync(args);
