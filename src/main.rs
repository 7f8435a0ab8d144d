fn main() {
    freqboard::runtime::panic_bar::install();
    leptos::mount::mount_to_body(freqboard::app::App);
}
