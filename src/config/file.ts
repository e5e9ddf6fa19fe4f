/** Where a repository keeps kep-tracker's configuration; without it the App does nothing there. */
export const CONFIG_FILE = ".github/kep-tracker.yml";
