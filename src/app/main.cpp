// Entry point of the `gongkai` command.
#include "app/cli.h"

int main(int argc, char** argv) { return gk::app::run_cli(argc, argv); }
