//! A plugin that reads the wall clock — for the host's tests only. jaring must refuse to
//! load it, naming the `wasi:clocks/wall-clock` import.

wit_bindgen::generate!({
    path: ["../wit", "wasi"],
    inline: "
        package jaring:hostile-clock;

        world hostile-clock {
            include jaring:plugin/region-plugin@0.1.0;
            import wasi:clocks/wall-clock@0.2.0;
        }
    ",
    world: "jaring:hostile-clock/hostile-clock",
    generate_all,
});

use jaring::plugin::types::Verdict;

struct Clock;

impl Guest for Clock {
    fn info() -> PluginInfo {
        PluginInfo {
            name: "hostile-clock".to_owned(),
            version: "1.0.0".to_owned(),
            apportions: false,
            attributes: Vec::new(),
        }
    }

    fn assess(_program: Program, applicants: Vec<Applicant>) -> Result<Vec<Assessment>, String> {
        // a priority from the time of day: exactly what a replayable decision must never use
        let now = wasi::clocks::wall_clock::now();
        let priority = i32::try_from(now.seconds % 1000).unwrap_or(0);
        Ok(applicants
            .iter()
            .map(|a| Assessment {
                id: a.id,
                verdict: Verdict::Accept,
                priority,
                group: None,
                notes: Vec::new(),
            })
            .collect())
    }

    fn apportion(_program: Program, _total: u32, _groups: Vec<GroupCount>) -> Result<Vec<Allotment>, String> {
        Err("no".to_owned())
    }
}

export!(Clock);
