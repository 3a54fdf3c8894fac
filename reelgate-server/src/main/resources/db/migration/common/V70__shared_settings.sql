-- Values every node sharing the database must agree on, created once by the first node that needs
-- them: the key result URLs are signed with (unless REELGATE_URL_SIGNING_KEY gives one).
CREATE TABLE shared_settings (
    name          VARCHAR(100) PRIMARY KEY,
    setting_value VARCHAR(500) NOT NULL,
    created_at    BIGINT       NOT NULL
);
