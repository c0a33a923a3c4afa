fn main() {
    satchel::start()
}
