using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Qalam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommentDefence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "comments_closed",
                table: "posts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "client_address",
                table: "comments",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fingerprint",
                table: "comments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lesson",
                table: "comments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "reasons",
                table: "comments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reply_notice_sent_at",
                table: "comments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "close_comments_after_days",
                table: "blogs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "comment_blocklist",
                table: "blogs",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "comment_max_links",
                table: "blogs",
                type: "integer",
                nullable: false,
                // Blogs that existed before get the limit new blogs start with (Blog.CommentMaxLinks).
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "comment_notifications",
                table: "blogs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ham_lessons",
                table: "blogs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_comment_digest_at",
                table: "blogs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "spam_lessons",
                table: "blogs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "comment_subscriptions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    comment_id = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comment_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_comment_subscriptions_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mail_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    to = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    unsubscribe_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "spam_tokens",
                columns: table => new
                {
                    blog_id = table.Column<int>(type: "integer", nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    spam = table.Column<int>(type: "integer", nullable: false),
                    ham = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_spam_tokens", x => new { x.blog_id, x.token });
                    table.ForeignKey(
                        name: "fk_spam_tokens_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_comments_post_id_fingerprint",
                table: "comments",
                columns: new[] { "post_id", "fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_comment_subscriptions_comment_id",
                table: "comment_subscriptions",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_comment_subscriptions_token",
                table: "comment_subscriptions",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mail_outbox_sent_at_next_attempt_at",
                table: "mail_outbox",
                columns: new[] { "sent_at", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_subscriptions");

            migrationBuilder.DropTable(
                name: "mail_outbox");

            migrationBuilder.DropTable(
                name: "spam_tokens");

            migrationBuilder.DropIndex(
                name: "ix_comments_post_id_fingerprint",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "comments_closed",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "client_address",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "fingerprint",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "lesson",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "reasons",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "reply_notice_sent_at",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "close_comments_after_days",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "comment_blocklist",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "comment_max_links",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "comment_notifications",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "ham_lessons",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "last_comment_digest_at",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "spam_lessons",
                table: "blogs");
        }
    }
}
