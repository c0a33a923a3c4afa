fn main(){ satchel::start() }
